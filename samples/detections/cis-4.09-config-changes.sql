-- id: cis-4.9
-- title: CIS 4.9: AWS Config configuration changes
-- severity: medium
-- mitre: T1562.001 Impair Defenses: Disable or Modify Tools
-- description: The Config recorder stopped or changed, or its delivery channel changed or deleted:
--   configuration history stops. CIS AWS Foundations Benchmark 4.9 metric filter.
-- remediation: Restart the recorder (StartConfigurationRecorder), restore the delivery channel, and find
--   out who changed it.
-- pattern: { ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventSource = 'config.amazonaws.com'
  AND eventName IN ('StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder')
