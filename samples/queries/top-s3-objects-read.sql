-- title: Top S3 objects read
-- description: The most-read S3 objects (GetObject data events) with readers and bytes sent. Needs S3
--   data events in the trail. Sensitive keys read by unusual principals suggest exfiltration.
-- tags: s3, data-events, exfiltration
SELECT element_at(requestParameters, 'bucketName') AS bucketName,
       element_at(requestParameters, 'key') AS objectKey,
       COUNT(*) AS reads,
       COUNT(DISTINCT COALESCE(userIdentity.arn, userIdentity.principalId)) AS readers,
       SUM(TRY_CAST(element_at(additionalEventData, 'bytesTransferredOut') AS bigint)) AS bytesOut
FROM $EDS_ID
WHERE eventSource = 's3.amazonaws.com'
  AND eventName = 'GetObject'
  AND errorCode IS NULL
GROUP BY 1, 2
ORDER BY reads DESC, bytesOut DESC
