-- title: All console sign-ins
-- description: Every console sign-in with result, MFA, identity type, source IP and browser. The
--   baseline for spotting sign-ins from new places.
-- tags: identity, console, timeline
SELECT eventTime, recipientAccountId, userIdentity.type AS identityType,
       COALESCE(userIdentity.arn, userIdentity.principalId) AS principal,
       element_at(responseElements, 'ConsoleLogin') AS result,
       element_at(additionalEventData, 'MFAUsed') AS mfaUsed,
       sourceIPAddress, userAgent, errorMessage
FROM $EDS_ID
WHERE eventName = 'ConsoleLogin'
ORDER BY eventTime DESC
