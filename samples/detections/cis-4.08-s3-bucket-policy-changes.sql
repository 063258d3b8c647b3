-- id: cis-4.8
-- title: CIS 4.8: S3 bucket policy changes
-- severity: medium
-- mitre: T1530 Data from Cloud Storage
-- description: Bucket ACLs, policies, CORS, lifecycle and replication set or deleted: how buckets get
--   opened to the world or copied elsewhere. CIS AWS Foundations Benchmark 4.8 metric filter.
-- remediation: Check the new policy/ACL (aws s3api get-bucket-policy); keep S3 Block Public Access on at
--   the account level.
-- pattern: { ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventSource = 's3.amazonaws.com'
  AND eventName IN ('PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication')
