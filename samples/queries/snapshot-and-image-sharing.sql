-- title: EBS snapshot, AMI and RDS snapshot sharing
-- description: Snapshots and images whose permissions were changed (shared with other accounts or made
--   public). Copying a shared snapshot is a quiet way to take a whole disk or database out.
-- tags: exfiltration, ec2, rds, data-protection
SELECT eventTime, recipientAccountId, awsRegion, eventSource, eventName,
       COALESCE(element_at(requestParameters, 'snapshotId'), element_at(requestParameters, 'imageId'),
                element_at(requestParameters, 'dBSnapshotIdentifier'),
                element_at(requestParameters, 'dBClusterSnapshotIdentifier')) AS target,
       COALESCE(element_at(requestParameters, 'createVolumePermission'), element_at(requestParameters, 'launchPermission'),
                element_at(requestParameters, 'valuesToAdd')) AS permissionChange,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE (eventSource = 'ec2.amazonaws.com' AND eventName IN ('ModifySnapshotAttribute', 'ModifyImageAttribute', 'SharedSnapshotCopyInitiated'))
   OR (eventSource = 'rds.amazonaws.com' AND eventName IN ('ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'))
ORDER BY eventTime DESC
