-- title: Lambda function changes
-- description: Lambda functions created, updated, given new permissions or layers, or deleted. Backdoored
--   function code and public function URLs are common persistence tricks.
-- tags: lambda, persistence, change-tracking
SELECT eventTime, recipientAccountId, awsRegion, eventName,
       COALESCE(element_at(requestParameters, 'functionName'), element_at(responseElements, 'functionName')) AS functionName,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource = 'lambda.amazonaws.com'
  AND (eventName LIKE 'CreateFunction%' OR eventName LIKE 'UpdateFunctionCode%' OR eventName LIKE 'UpdateFunctionConfiguration%'
       OR eventName LIKE 'AddPermission%' OR eventName LIKE 'DeleteFunction%' OR eventName LIKE 'CreateFunctionUrlConfig%'
       OR eventName LIKE 'PublishLayerVersion%' OR eventName LIKE 'UpdateFunctionUrlConfig%')
ORDER BY eventTime DESC
