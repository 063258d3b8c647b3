-- title: EC2 instances launched
-- description: RunInstances calls with instance type, image and caller. Bursts of large instance types
--   in odd regions are the signature of crypto-mining with stolen credentials.
-- tags: ec2, compute, resource-hijacking
SELECT eventTime, recipientAccountId, awsRegion,
       element_at(requestParameters, 'instanceType') AS instanceType,
       json_extract_scalar(element_at(requestParameters, 'instancesSet'), '$.items[0].imageId') AS imageId,
       json_extract_scalar(element_at(requestParameters, 'instancesSet'), '$.items[0].maxCount') AS maxCount,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource = 'ec2.amazonaws.com'
  AND eventName = 'RunInstances'
ORDER BY eventTime DESC
