-- id: cis-4.11
-- title: CIS 4.11: Network ACL changes
-- severity: low
-- mitre: T1562.007 Impair Defenses: Disable or Modify Cloud Firewall
-- description: Network ACLs and their entries created, deleted, replaced or re-associated. CIS AWS
--   Foundations Benchmark 4.11 metric filter.
-- remediation: Check each change against the intended network design.
-- pattern: { ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName IN ('CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation')
