-- title: S3 bytes downloaded by principal and bucket
-- description: Total bytes sent out by S3 GetObject per principal, bucket and source IP. A principal
--   suddenly pulling gigabytes from a bucket it rarely reads is the exfiltration signal.
-- tags: s3, data-events, exfiltration
SELECT COALESCE(userIdentity.arn, userIdentity.principalId) AS principal,
       element_at(requestParameters, 'bucketName') AS bucketName,
       sourceIPAddress,
       COUNT(*) AS objectsRead,
       SUM(TRY_CAST(element_at(additionalEventData, 'bytesTransferredOut') AS bigint)) AS bytesOut,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE eventSource = 's3.amazonaws.com'
  AND eventName = 'GetObject'
  AND errorCode IS NULL
GROUP BY 1, 2, 3
ORDER BY bytesOut DESC
