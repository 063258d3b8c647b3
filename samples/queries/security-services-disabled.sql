-- title: Security services disabled or weakened
-- description: GuardDuty detectors, Security Hub, AWS Config recorders, Access Analyzer, CloudWatch
--   alarms and VPC flow logs deleted or stopped. Defense evasion beyond CloudTrail itself.
-- tags: defense-evasion, guardduty, config, monitoring
SELECT eventTime, recipientAccountId, awsRegion, eventSource, eventName,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE (eventSource = 'guardduty.amazonaws.com' AND eventName IN ('DeleteDetector', 'UpdateDetector', 'DisassociateFromMasterAccount',
                                                                 'DisassociateFromAdministratorAccount', 'CreateIPSet', 'UpdateIPSet', 'DeletePublishingDestination'))
   OR (eventSource = 'securityhub.amazonaws.com' AND eventName IN ('DisableSecurityHub', 'BatchDisableStandards', 'DeleteInsight'))
   OR (eventSource = 'config.amazonaws.com' AND eventName IN ('StopConfigurationRecorder', 'DeleteConfigurationRecorder',
                                                               'DeleteDeliveryChannel', 'PutConfigurationRecorder', 'DeleteConfigRule'))
   OR (eventSource = 'access-analyzer.amazonaws.com' AND eventName IN ('DeleteAnalyzer'))
   OR (eventSource = 'monitoring.amazonaws.com' AND eventName IN ('DeleteAlarms', 'DisableAlarmActions'))
   OR (eventSource = 'ec2.amazonaws.com' AND eventName = 'DeleteFlowLogs')
   OR (eventSource = 'logs.amazonaws.com' AND eventName IN ('DeleteLogGroup', 'DeleteLogStream', 'PutRetentionPolicy'))
ORDER BY eventTime DESC
