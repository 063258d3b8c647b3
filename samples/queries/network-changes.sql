-- title: NACL, route table, gateway and VPC changes
-- description: Changes to the network plumbing: network ACLs, route tables, internet/NAT/transit/customer
--   gateways, VPCs, peering and endpoints. Unexpected ones can open a path in or out.
-- tags: network, ec2, change-tracking, cis
SELECT eventTime, recipientAccountId, awsRegion, eventName,
       userIdentity.arn AS principalArn, sourceIPAddress, errorCode
FROM $EDS_ID
WHERE eventSource = 'ec2.amazonaws.com'
  AND (eventName IN ('CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry',
                     'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation',
                     'CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation',
                     'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable', 'AssociateRouteTable',
                     'CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway',
                     'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway',
                     'CreateNatGateway', 'DeleteNatGateway', 'CreateTransitGateway', 'DeleteTransitGateway',
                     'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection',
                     'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection',
                     'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink',
                     'CreateVpcEndpoint', 'DeleteVpcEndpoints', 'ModifyVpcEndpoint'))
ORDER BY eventTime DESC
