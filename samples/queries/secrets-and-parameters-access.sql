-- title: Secrets Manager and SSM Parameter Store reads
-- description: Who read secrets and (decrypted) parameters, how often and from where. Credential
--   harvesting by a compromised principal shows up as reads of secrets it never touched before.
-- tags: credentials, secrets, data-access
SELECT eventSource, eventName,
       COALESCE(element_at(requestParameters, 'secretId'), element_at(requestParameters, 'name'),
                element_at(requestParameters, 'names'), element_at(requestParameters, 'path')) AS target,
       COALESCE(userIdentity.arn, userIdentity.principalId) AS principal,
       COUNT(*) AS reads,
       COUNT(errorCode) AS errors,
       COUNT(DISTINCT sourceIPAddress) AS sourceIps,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE (eventSource = 'secretsmanager.amazonaws.com' AND eventName IN ('GetSecretValue', 'BatchGetSecretValue'))
   OR (eventSource = 'ssm.amazonaws.com' AND eventName IN ('GetParameter', 'GetParameters', 'GetParametersByPath'))
GROUP BY 1, 2, 3, 4
ORDER BY reads DESC
