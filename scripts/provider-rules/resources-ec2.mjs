// EC2/VPC resource types the stacks use (branch r-ec2): Pulumi token ↔ terraform-provider-aws resource, its source
// file (in the scratch folder) and schema function; see resources.mjs for the fields.
const EC2_ENUMS = ["aws-sdk-go-v2/service/ec2"];

export const RESOURCES_EC2 = [
  {
    type: "aws:ec2/vpc:Vpc",
    tf: "aws_vpc",
    file: "internal/service/ec2/vpc_.go",
    func: "ResourceVPC",
    enums: EC2_ENUMS,
  },
  {
    type: "aws:ec2/internetGateway:InternetGateway",
    tf: "aws_internet_gateway",
    file: "internal/service/ec2/vpc_internet_gateway.go",
    func: "ResourceInternetGateway",
  },
  {
    type: "aws:ec2/eip:Eip",
    tf: "aws_eip",
    file: "internal/service/ec2/ec2_eip.go",
    func: "resourceEIP",
    enums: EC2_ENUMS,
  },
  {
    type: "aws:ec2/natGateway:NatGateway",
    tf: "aws_nat_gateway",
    file: "internal/service/ec2/vpc_nat_gateway.go",
    func: "resourceNATGateway",
    enums: EC2_ENUMS,
  },
  {
    type: "aws:ec2/route:Route",
    tf: "aws_route",
    file: "internal/service/ec2/vpc_route.go",
    func: "ResourceRoute",
    // The source the index holds predates `odb_network_arn`; @pulumi/aws 7.48's Route has `odbNetworkArn`, documented
    // (ec2/route.d.ts) among "the following target arguments" of which one must be supplied. Without it here, a route
    // to an ODB network would be refused as having no target: stricter than the provider.
    groupAdditions: [{ member: "gateway_id", add: ["odb_network_arn"] }],
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    tf: "aws_route_table",
    file: "internal/service/ec2/vpc_route_table.go",
    func: "ResourceRouteTable",
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    tf: "aws_route_table_association",
    file: "internal/service/ec2/vpc_route_table_association.go",
    func: "ResourceRouteTableAssociation",
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    tf: "aws_security_group",
    file: "internal/service/ec2/vpc_security_group.go",
    func: "resourceSecurityGroup",
  },
  {
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    tf: "aws_default_security_group",
    file: "internal/service/ec2/vpc_default_security_group.go",
    func: "resourceDefaultSecurityGroup",
  },
  {
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    tf: "aws_vpc_endpoint",
    file: "internal/service/ec2/vpc_endpoint.go",
    func: "resourceVPCEndpoint",
    enums: EC2_ENUMS,
  },
  {
    type: "aws:ec2/instance:Instance",
    tf: "aws_instance",
    file: "internal/service/ec2/ec2_instance.go",
    func: "ResourceInstance",
    enums: EC2_ENUMS,
  },
  {
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    tf: "aws_launch_template",
    file: "internal/service/ec2/ec2_launch_template.go",
    func: "ResourceLaunchTemplate",
    enums: EC2_ENUMS,
  },
  {
    // no schema of its own: the shared securityGroupRuleResource.Schema (see the scratch file's header)
    type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    tf: "aws_vpc_security_group_egress_rule",
    file: "internal/service/ec2/vpc_security_group_egress_rule.go",
    func: "Schema",
  },
];
