-- id: ct-deregister-delegated-admin
-- title: CloudTrail delegated administrator removed
-- severity: high
-- mitre: T1562.008 Impair Defenses: Disable or Modify Cloud Logs
-- description: DeregisterOrganizationDelegatedAdmin removes the account that administers the
--   organization trails and event data stores, cutting the security team off from them.
-- remediation: Register the delegated administrator again (RegisterOrganizationDelegatedAdmin) and find
--   out who removed it from the management account.
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName = 'DeregisterOrganizationDelegatedAdmin'
