-- title: Console logins without MFA
-- description: Successful AWS Management Console sign-ins by IAM users and root where no MFA was used.
--   Federated (SSO) sign-ins are left out: their MFA happens at the identity provider.
-- tags: identity, mfa, console, cis
SELECT eventTime, recipientAccountId, userIdentity.type AS identityType, userIdentity.arn AS principalArn,
       sourceIPAddress, userAgent, element_at(additionalEventData, 'MFAUsed') AS mfaUsed
FROM $EDS_ID
WHERE eventName = 'ConsoleLogin'
  AND element_at(responseElements, 'ConsoleLogin') = 'Success'
  AND element_at(additionalEventData, 'MFAUsed') = 'No'
  AND userIdentity.type IN ('IAMUser', 'Root')
ORDER BY eventTime DESC
