-- id: iam-access-key-for-other-user
-- title: Access key created for another IAM user
-- severity: high
-- mitre: T1098.001 Account Manipulation: Additional Cloud Credentials
-- description: CreateAccessKey naming a user other than the caller (or called by a role or root): a
--   classic persistence step, giving the attacker long-lived keys under someone else's name.
-- remediation: Deactivate and delete the new key (aws iam delete-access-key), check what it was used for
--   (ctlake lookup --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=KEY), and
--   review the caller.
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode,
       CASE WHEN contains(map_keys(requestParameters), 'userName') THEN requestParameters['userName'] END AS keyFor
FROM $EDS_ID
WHERE eventName = 'CreateAccessKey' AND errorCode IS NULL
  AND CASE WHEN contains(map_keys(requestParameters), 'userName') THEN requestParameters['userName'] END IS NOT NULL
  AND (userIdentity.type <> 'IAMUser' OR coalesce(userIdentity.userName, '') <> CASE WHEN contains(map_keys(requestParameters), 'userName') THEN requestParameters['userName'] END)
