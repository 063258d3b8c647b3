-- id: ec2-security-group-open-to-world
-- title: Security group opened to the internet (0.0.0.0/0 or ::/0)
-- severity: high
-- mitre: T1562.007 Impair Defenses: Disable or Modify Cloud Firewall
-- description: A successful ingress rule whose source is a /0 range: 0.0.0.0/0, ::/0, or any address
--   with a /0 mask (which is the same thing, and a way to slip past checks for the literal
--   0.0.0.0/0).
-- remediation: Revoke the rule (RevokeSecurityGroupIngress) unless the port is meant to be public, and
--   check what was reachable while it was open.
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName IN ('AuthorizeSecurityGroupIngress', 'ModifySecurityGroupRules') AND errorCode IS NULL
  AND (CASE WHEN contains(map_keys(requestParameters), 'ipPermissions') THEN requestParameters['ipPermissions'] END LIKE '%/0"%'
    OR CASE WHEN contains(map_keys(requestParameters), 'cidrIp') THEN requestParameters['cidrIp'] END LIKE '%/0'
    OR CASE WHEN contains(map_keys(requestParameters), 'cidrIpv6') THEN requestParameters['cidrIpv6'] END LIKE '%/0'
    OR CASE WHEN contains(map_keys(requestParameters), 'ModifySecurityGroupRulesRequest') THEN requestParameters['ModifySecurityGroupRulesRequest'] END LIKE '%/0"%')
