-- id: cis-4.13
-- title: CIS 4.13: Route table changes
-- severity: low
-- mitre: T1599 Network Boundary Bridging
-- description: EC2 routes and route tables created, replaced, deleted or re-associated: traffic can be
--   sent through an attacker-controlled path. CIS AWS Foundations Benchmark 4.13 metric
--   filter.
-- remediation: Check each route change against the intended network design.
-- pattern: {($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventSource = 'ec2.amazonaws.com'
  AND eventName IN ('CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable')
