-- id: cis-4.10
-- title: CIS 4.10: Security group changes
-- severity: low
-- mitre: T1562.007 Impair Defenses: Disable or Modify Cloud Firewall
-- description: Security groups created, deleted, or their rules added or revoked. ec2-security-group-
--   open-to-world picks out the openings to the whole internet. CIS AWS Foundations Benchmark
--   4.10 metric filter.
-- remediation: Check each rule change against the intended network design.
-- pattern: { ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName IN ('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup')
