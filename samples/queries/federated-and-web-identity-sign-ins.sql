-- title: Federated and web-identity role assumptions
-- description: AssumeRoleWithSAML, AssumeRoleWithWebIdentity and GetFederationToken: who came in through
--   an identity provider (SSO, GitHub Actions OIDC, Cognito) and which role they received.
-- tags: identity, sts, federation
SELECT eventTime, recipientAccountId, eventName, userIdentity.type AS identityType,
       COALESCE(userIdentity.userName, userIdentity.principalId) AS subject,
       userIdentity.identityProvider AS identityProvider,
       element_at(requestParameters, 'roleArn') AS roleArn,
       element_at(requestParameters, 'roleSessionName') AS roleSessionName,
       sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource = 'sts.amazonaws.com'
  AND eventName IN ('AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetFederationToken')
ORDER BY eventTime DESC
