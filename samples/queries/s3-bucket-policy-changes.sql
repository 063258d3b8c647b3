-- title: S3 bucket policy and public-access changes
-- description: Bucket policies, ACLs and Block Public Access settings changed or removed, at bucket and
--   account level. These are how a bucket becomes public or shared with an outside account.
-- tags: s3, exposure, data-protection, cis
SELECT eventTime, recipientAccountId, awsRegion, eventName,
       element_at(requestParameters, 'bucketName') AS bucketName,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource IN ('s3.amazonaws.com', 's3-control.amazonaws.com')
  AND eventName IN ('PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutObjectAcl',
                    'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock',
                    'PutAccountPublicAccessBlock', 'DeleteAccountPublicAccessBlock',
                    'PutBucketCors', 'PutBucketOwnershipControls', 'DeleteBucketOwnershipControls')
ORDER BY eventTime DESC
