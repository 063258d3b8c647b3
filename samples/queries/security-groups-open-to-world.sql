-- title: Security groups opened to 0.0.0.0/0
-- description: Security group rules added or modified with an IPv4 or IPv6 any-address range
--   (0.0.0.0/0, ::/0): services exposed to the whole internet.
-- tags: network, ec2, exposure, cis
SELECT eventTime, recipientAccountId, awsRegion, eventName,
       element_at(requestParameters, 'groupId') AS groupId,
       userIdentity.arn AS principalArn, sourceIPAddress,
       COALESCE(element_at(requestParameters, 'ipPermissions'),
                element_at(requestParameters, 'ModifySecurityGroupRulesRequest')) AS rules,
       errorCode
FROM $EDS_ID
WHERE eventSource = 'ec2.amazonaws.com'
  AND eventName IN ('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'ModifySecurityGroupRules')
  AND (COALESCE(element_at(requestParameters, 'ipPermissions'), '') LIKE '%0.0.0.0/0%'
    OR COALESCE(element_at(requestParameters, 'ipPermissions'), '') LIKE '%::/0%'
    OR COALESCE(element_at(requestParameters, 'ModifySecurityGroupRulesRequest'), '') LIKE '%0.0.0.0/0%'
    OR COALESCE(element_at(requestParameters, 'ModifySecurityGroupRulesRequest'), '') LIKE '%::/0%'
    OR element_at(requestParameters, 'cidrIp') = '0.0.0.0/0')
ORDER BY eventTime DESC
