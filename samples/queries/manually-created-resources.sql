-- title: Investigate manually created resources
-- description: Create, Update, Put and Delete management calls that name resources, made by people
--   rather than automation: service-linked roles (AWSServiceRole*, /aws-service-role/) and
--   CloudFormation (by source IP, user agent or invokedBy) are left out. Click-ops and
--   out-of-band changes show up here.
-- tags: change-tracking, iac-drift, investigation
SELECT eventTime, recipientAccountId, awsRegion, eventSource, eventName,
       userIdentity.arn AS principalArn, sourceIPAddress, userAgent, resources
FROM $EDS_ID
WHERE (eventName LIKE 'Create%' OR eventName LIKE 'Update%' OR eventName LIKE 'Put%' OR eventName LIKE 'Delete%')
  AND resources IS NOT NULL
  AND cardinality(resources) > 0
  AND eventCategory = 'Management'
  AND errorCode IS NULL
  AND COALESCE(userIdentity.sessionContext.sessionIssuer.userName, '') NOT LIKE 'AWSServiceRole%'
  AND COALESCE(userIdentity.sessionContext.sessionIssuer.arn, '') NOT LIKE '%/aws-service-role/%'
  AND COALESCE(userIdentity.arn, '') NOT LIKE '%/aws-service-role/%'
  AND COALESCE(sourceIPAddress, '') <> 'cloudformation.amazonaws.com'
  AND COALESCE(userAgent, '') <> 'cloudformation.amazonaws.com'
  AND COALESCE(userIdentity.invokedBy, '') <> 'cloudformation.amazonaws.com'
ORDER BY eventTime DESC
