-- title: KMS key deletion and disabling
-- description: KMS keys scheduled for deletion or disabled (and deletions cancelled). Data encrypted
--   under a deleted key is gone for good, which makes this a ransom and sabotage lever.
-- tags: kms, impact, data-protection, cis
SELECT eventTime, recipientAccountId, awsRegion, eventName,
       element_at(requestParameters, 'keyId') AS keyId,
       element_at(requestParameters, 'pendingWindowInDays') AS pendingWindowInDays,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource = 'kms.amazonaws.com'
  AND eventName IN ('ScheduleKeyDeletion', 'DisableKey', 'CancelKeyDeletion', 'DeleteImportedKeyMaterial', 'PutKeyPolicy')
ORDER BY eventTime DESC
