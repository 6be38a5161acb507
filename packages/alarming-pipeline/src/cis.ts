// Generated from shared/reference/cis-metric-filters.md: the patterns are copied verbatim (Security Hub
// fails a modified pattern). Do not edit by hand; the policies package keeps its own copy and the tests compare.

/** One CIS AWS Foundations section-4 control: a metric filter on the trail's log group and an alarm on it. */
export interface CisMetricFilter {
  /** CIS control, e.g. "4.1". */
  readonly cis: string;
  /** Security Hub control, e.g. "CloudWatch.2"; empty where there is none. */
  readonly securityHub: string;
  /** Metric name, also the stable key of the children. */
  readonly metricName: string;
  readonly pattern: string;
}

/** Namespace of the CIS metrics. */
export const CIS_NAMESPACE = "CISBenchmark";

/** The 15 CIS filters in benchmark order. */
export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
  {
    cis: "4.1",
    securityHub: "CloudWatch.2",
    metricName: "UnauthorizedAPICalls",
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  },
  {
    cis: "4.2",
    securityHub: "CloudWatch.3",
    metricName: "ConsoleSigninWithoutMFA",
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    cis: "4.3",
    securityHub: "CloudWatch.1",
    metricName: "RootAccountUsage",
    pattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  },
  {
    cis: "4.4",
    securityHub: "CloudWatch.4",
    metricName: "IAMPolicyChanges",
    pattern:
      "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
  },
  {
    cis: "4.5",
    securityHub: "CloudWatch.5",
    metricName: "CloudTrailConfigChanges",
    pattern:
      "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
  },
  {
    cis: "4.6",
    securityHub: "CloudWatch.6",
    metricName: "ConsoleSigninFailures",
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  {
    cis: "4.7",
    securityHub: "CloudWatch.7",
    metricName: "DisableOrDeleteCMK",
    pattern:
      "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
  },
  {
    cis: "4.8",
    securityHub: "CloudWatch.8",
    metricName: "S3BucketPolicyChanges",
    pattern:
      "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}",
  },
  {
    cis: "4.9",
    securityHub: "CloudWatch.9",
    metricName: "AWSConfigChanges",
    pattern:
      "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}",
  },
  {
    cis: "4.10",
    securityHub: "CloudWatch.10",
    metricName: "SecurityGroupChanges",
    pattern:
      "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
  },
  {
    cis: "4.11",
    securityHub: "CloudWatch.11",
    metricName: "NACLChanges",
    pattern:
      "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
  },
  {
    cis: "4.12",
    securityHub: "CloudWatch.12",
    metricName: "NetworkGatewayChanges",
    pattern:
      "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}",
  },
  {
    cis: "4.13",
    securityHub: "CloudWatch.13",
    metricName: "RouteTableChanges",
    pattern:
      "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}",
  },
  {
    cis: "4.14",
    securityHub: "CloudWatch.14",
    metricName: "VPCChanges",
    pattern:
      "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}",
  },
  {
    cis: "4.15",
    securityHub: "",
    metricName: "OrganizationsChanges",
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  },
];
