-- title: IAM users, roles and login profiles created
-- description: New IAM users, roles, groups and console passwords (login profiles). New identities are
--   the most common way to keep access after the first foothold.
-- tags: identity, iam, persistence
SELECT eventTime, recipientAccountId, eventName, userIdentity.arn AS createdBy,
       COALESCE(element_at(requestParameters, 'userName'), element_at(requestParameters, 'roleName'),
                element_at(requestParameters, 'groupName')) AS newIdentity,
       sourceIPAddress, userAgent, errorCode
FROM $EDS_ID
WHERE eventSource = 'iam.amazonaws.com'
  AND eventName IN ('CreateUser', 'CreateRole', 'CreateGroup', 'CreateLoginProfile', 'UpdateLoginProfile',
                    'AddUserToGroup', 'CreateServiceLinkedRole', 'CreateSAMLProvider', 'CreateOpenIDConnectProvider')
ORDER BY eventTime DESC
