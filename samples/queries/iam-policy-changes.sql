-- title: IAM policy changes
-- description: Inline and managed policy changes on users, groups and roles, new policy versions and
--   trust-policy edits. Privilege escalation usually leaves one of these behind.
-- tags: identity, iam, privilege-escalation, cis
SELECT eventTime, recipientAccountId, eventName, userIdentity.arn AS principalArn, sourceIPAddress,
       COALESCE(element_at(requestParameters, 'userName'), element_at(requestParameters, 'roleName'),
                element_at(requestParameters, 'groupName')) AS targetIdentity,
       COALESCE(element_at(requestParameters, 'policyArn'), element_at(requestParameters, 'policyName')) AS policy,
       errorCode
FROM $EDS_ID
WHERE eventSource = 'iam.amazonaws.com'
  AND eventName IN ('PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy',
                    'DeleteUserPolicy', 'DeleteRolePolicy', 'DeleteGroupPolicy',
                    'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy',
                    'DetachUserPolicy', 'DetachRolePolicy', 'DetachGroupPolicy',
                    'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion',
                    'SetDefaultPolicyVersion', 'UpdateAssumeRolePolicy',
                    'PutUserPermissionsBoundary', 'PutRolePermissionsBoundary')
ORDER BY eventTime DESC
