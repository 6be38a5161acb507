// The AWS reads and the one write of the ops report, with the AWS SDK v3 clients the nodejs22.x Lambda runtime
// ships (nothing bundled; loaded lazily). Every error propagates: a report built on a failed call would lie.
import { parseStateChange, type StateChange } from "./alarm-history";
import type { StatusPoint } from "./availability";

export interface SdkOptions {
  /** Another endpoint for every AWS API (a local server in tests). @default each service's regional endpoint */
  readonly endpoint?: string;
  /** @default the function's role credentials, found by the SDK as usual */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

export interface SpendGroup {
  /** The cost-allocation tag's value; "" for spend without the tag (untagged resources, tax, support…). */
  readonly component: string;
  readonly amount: number;
  readonly unit: string;
}

export interface ScalingActivity {
  readonly startTime: Date;
  readonly endTime?: Date;
  readonly statusCode: string;
  readonly description: string;
  readonly cause: string;
}

/** What the report reads and writes; {@link sdkReportApi} in Lambda. */
export interface ReportApi {
  healthCheckStatus(
    healthCheckId: string,
    periodSeconds: number,
    from: Date,
    to: Date,
  ): Promise<StatusPoint[]>;
  spendByTag(tagKey: string, start: string, end: string): Promise<SpendGroup[]>;
  /** The forecast for [start, end); undefined when Cost Explorer has too little history to forecast. */
  forecast(start: string, end: string): Promise<number | undefined>;
  scalingActivities(groupName: string, from: Date): Promise<ScalingActivity[]>;
  alarmStateChanges(region: string, from: Date, to: Date): Promise<StateChange[]>;
  publish(topicArn: string, subject: string, message: string): Promise<void>;
}

/** Route 53 publishes health-check metrics only in us-east-1; Cost Explorer's endpoint is there too. */
export const GLOBAL_REGION = "us-east-1";

export function sdkReportApi(homeRegion: string, options: SdkOptions = {}): ReportApi {
  const config = (region: string) => ({
    region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: 3,
  });
  return {
    async healthCheckStatus(healthCheckId, periodSeconds, from, to) {
      const { CloudWatchClient, GetMetricDataCommand } = await import("@aws-sdk/client-cloudwatch");
      const client = new CloudWatchClient(config(GLOBAL_REGION));
      const points: StatusPoint[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetMetricDataCommand({
            StartTime: from,
            EndTime: to,
            ScanBy: "TimestampAscending",
            NextToken: token,
            MetricDataQueries: [
              {
                Id: "status",
                ReturnData: true,
                MetricStat: {
                  Metric: {
                    Namespace: "AWS/Route53",
                    MetricName: "HealthCheckStatus",
                    Dimensions: [{ Name: "HealthCheckId", Value: healthCheckId }],
                  },
                  Period: periodSeconds,
                  Stat: "Minimum",
                },
              },
            ],
          }),
        );
        for (const result of page.MetricDataResults ?? []) {
          if (result.StatusCode === "Forbidden" || result.StatusCode === "InternalError")
            throw new Error(
              `GetMetricData HealthCheckStatus: ${result.StatusCode} ${JSON.stringify(result.Messages ?? [])}`,
            );
          const timestamps = result.Timestamps ?? [];
          const values = result.Values ?? [];
          timestamps.forEach((timestamp, i) => points.push({ timestamp, value: values[i]! }));
        }
        token = page.NextToken;
      } while (token);
      return points;
    },

    async spendByTag(tagKey, start, end) {
      const { CostExplorerClient, GetCostAndUsageCommand } = await import("@aws-sdk/client-cost-explorer");
      const client = new CostExplorerClient(config(GLOBAL_REGION));
      const totals = new Map<string, SpendGroup>();
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: start, End: end },
            Granularity: "MONTHLY",
            Metrics: ["UnblendedCost"],
            GroupBy: [{ Type: "TAG", Key: tagKey }],
            NextPageToken: token,
          }),
        );
        for (const period of page.ResultsByTime ?? []) {
          for (const group of period.Groups ?? []) {
            // Tag groups are keyed `<tag key>$<value>`, with an empty value for spend without the tag.
            const key = group.Keys?.[0] ?? "";
            const component = key.startsWith(`${tagKey}$`) ? key.slice(tagKey.length + 1) : key;
            const metric = group.Metrics?.["UnblendedCost"];
            const amount = Number(metric?.Amount ?? "0");
            if (!Number.isFinite(amount))
              throw new Error(`GetCostAndUsage returned a non-numeric amount for ${key}`);
            const previous = totals.get(component);
            totals.set(component, {
              component,
              amount: (previous?.amount ?? 0) + amount,
              unit: metric?.Unit ?? "USD",
            });
          }
        }
        token = page.NextPageToken;
      } while (token);
      return [...totals.values()];
    },

    async forecast(start, end) {
      const { CostExplorerClient, GetCostForecastCommand } = await import("@aws-sdk/client-cost-explorer");
      try {
        const result = await new CostExplorerClient(config(GLOBAL_REGION)).send(
          new GetCostForecastCommand({
            TimePeriod: { Start: start, End: end },
            Metric: "UNBLENDED_COST",
            Granularity: "MONTHLY",
          }),
        );
        return Number(result.Total?.Amount ?? "0");
      } catch (error) {
        // Documented for accounts and months with too little cost history; anything else is a real failure.
        if ((error as Error).name === "DataUnavailableException") return undefined;
        throw error;
      }
    },

    async scalingActivities(groupName, from) {
      const { AutoScalingClient, DescribeScalingActivitiesCommand } =
        await import("@aws-sdk/client-auto-scaling");
      const client = new AutoScalingClient(config(homeRegion));
      const activities: ScalingActivity[] = [];
      let token: string | undefined;
      // Newest first: stop at the first page that reaches back past `from`.
      do {
        const page = await client.send(
          new DescribeScalingActivitiesCommand({
            AutoScalingGroupName: groupName,
            MaxRecords: 100,
            NextToken: token,
          }),
        );
        const list = page.Activities ?? [];
        for (const a of list) {
          if (a.StartTime && a.StartTime >= from)
            activities.push({
              startTime: a.StartTime,
              endTime: a.EndTime,
              statusCode: a.StatusCode ?? "Unknown",
              description: a.Description ?? "",
              cause: a.Cause ?? "",
            });
        }
        const reachedBack = list.some((a) => a.StartTime && a.StartTime < from);
        token = reachedBack ? undefined : page.NextToken;
      } while (token);
      return activities.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    },

    async alarmStateChanges(region, from, to) {
      const { CloudWatchClient, DescribeAlarmHistoryCommand } = await import("@aws-sdk/client-cloudwatch");
      const client = new CloudWatchClient(config(region));
      const changes: StateChange[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new DescribeAlarmHistoryCommand({
            HistoryItemType: "StateUpdate",
            StartDate: from,
            EndDate: to,
            ScanBy: "TimestampAscending",
            MaxRecords: 100,
            NextToken: token,
          }),
        );
        for (const item of page.AlarmHistoryItems ?? []) {
          const change =
            item.AlarmName && item.Timestamp
              ? parseStateChange(item.AlarmName, item.Timestamp, item.HistoryData)
              : undefined;
          if (change) changes.push(change);
        }
        token = page.NextToken;
      } while (token);
      return changes;
    },

    async publish(topicArn, subject, message) {
      const { SNSClient, PublishCommand } = await import("@aws-sdk/client-sns");
      const region = topicArn.split(":")[3] ?? homeRegion;
      await new SNSClient(config(region)).send(
        new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }),
      );
    },
  };
}
