-- title: DynamoDB item-level activity on a table
-- description: Item reads and writes (GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, batch and
--   transact calls) per table and principal. Needs DynamoDB data events. To follow one table add
--   AND element_at(requestParameters, 'tableName') = 'Users'.
-- tags: dynamodb, data-events, data-access
SELECT element_at(requestParameters, 'tableName') AS tableName,
       eventName,
       COALESCE(userIdentity.arn, userIdentity.principalId) AS principal,
       COUNT(*) AS calls,
       COUNT(errorCode) AS errors,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE eventSource = 'dynamodb.amazonaws.com'
  AND eventName IN ('GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan',
                    'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems')
GROUP BY 1, 2, 3
ORDER BY calls DESC
