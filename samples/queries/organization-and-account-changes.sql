-- title: Organizations and account-level changes
-- description: Accounts leaving or joining the organization, SCP changes, alternate contacts, account
--   password policy and region opt-in changes. Rare, high-impact calls.
-- tags: organizations, governance, change-tracking
SELECT eventTime, recipientAccountId, eventSource, eventName,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE (eventSource = 'organizations.amazonaws.com' AND eventName IN ('LeaveOrganization', 'RemoveAccountFromOrganization',
        'InviteAccountToOrganization', 'AcceptHandshake', 'CreatePolicy', 'UpdatePolicy', 'DeletePolicy',
        'AttachPolicy', 'DetachPolicy', 'DisablePolicyType', 'EnableAllFeatures', 'CreateAccount'))
   OR (eventSource = 'account.amazonaws.com' AND eventName IN ('PutAlternateContact', 'DeleteAlternateContact',
        'EnableRegion', 'DisableRegion', 'PutContactInformation'))
   OR (eventSource = 'iam.amazonaws.com' AND eventName IN ('UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy',
        'CreateAccountAlias', 'DeleteAccountAlias'))
ORDER BY eventTime DESC
