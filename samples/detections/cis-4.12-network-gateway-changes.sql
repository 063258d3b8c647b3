-- id: cis-4.12
-- title: CIS 4.12: Network gateway changes
-- severity: low
-- mitre: T1599 Network Boundary Bridging
-- description: Customer and internet gateways created, deleted, attached or detached: new ways in and
--   out of a VPC. CIS AWS Foundations Benchmark 4.12 metric filter.
-- remediation: Check each gateway is expected; detach and delete unknown ones.
-- pattern: { ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName IN ('CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway')
