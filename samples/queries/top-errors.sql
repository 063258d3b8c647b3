-- title: Top errors
-- description: The most frequent error codes per service and API, with an example message.
-- tags: errors, overview, troubleshooting
SELECT errorCode, eventSource, eventName, COUNT(*) AS errorCount, MAX(errorMessage) AS sampleMessage
FROM $EDS_ID
WHERE errorCode IS NOT NULL
GROUP BY errorCode, eventSource, eventName
ORDER BY errorCount DESC
