import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { argsObject, rejectArg, validateArgs, type MetricDescriptor } from "@cloudblocks/component-kit";
import { z } from "zod";
import { isValidPeriod } from "./schema";

/** Arguments of {@link AlarmDashboard}. */
export interface AlarmDashboardArgs {
  /** Metrics to graph, one widget each, in order (fleet CPU, requests, latency, 5xx, healthy hosts, DB CPU…). */
  readonly metrics: readonly MetricDescriptor[];
  /** Alarms shown in the alarm-status widget (at most 100). @default [] */
  readonly alarmArns?: pulumi.Input<readonly pulumi.Input<string>[]>;
  /** Title of the alarm-status widget. @default "Alarm status" */
  readonly alarmWidgetTitle?: string;
  /** Physical dashboard name (unique per account and region). @default the component's name */
  readonly dashboardName?: string;
}

const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;

const schema = argsObject({
  metrics: z
    .array(
      // A MetricDescriptor is a structural contract: extra members of a component's descriptor are fine.
      z.looseObject({
        id: z.string().min(1, "allowed: a non-empty stable key such as fleet.cpu"),
        title: z.string().min(1, "allowed: a non-empty widget title"),
        namespace: z.string().min(1, "allowed: a CloudWatch namespace"),
        metricName: z.string().min(1, "allowed: a metric name"),
        stat: z
          .string()
          .regex(
            /^(Average|Sum|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d{1,2})?)$/,
            "allowed: Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99",
          ),
        period: z
          .number()
          .refine(isValidPeriod, "allowed: 10, 20, 30 or a multiple of 60 seconds")
          .optional(),
        region: z
          .string()
          .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "allowed: a region name such as us-east-1")
          .optional(),
      }),
    )
    .superRefine((metrics, ctx) => {
      const seen = new Set<string>();
      metrics.forEach((m, i) => {
        if (seen.has(m.id))
          ctx.addIssue({
            code: "custom",
            path: [i, "id"],
            input: m.id,
            message: "allowed: unique metric ids",
          });
        seen.add(m.id);
      });
    }),
  // An Output list is checked once it resolves (below); a plain list here.
  alarmArns: z
    .union([
      z.array(z.unknown()).max(100, "allowed: at most 100 alarms in one alarm widget"),
      z.custom<pulumi.Output<unknown>>((v) => pulumi.Output.isInstance(v)),
    ])
    .optional(),
  alarmWidgetTitle: z.string().optional(),
  dashboardName: z.string().regex(DASHBOARD_NAME, "allowed: 1-255 letters, digits, '-' or '_'").optional(),
});

/** Widget JSON for one metric descriptor (dimensions resolved). */
function metricWidget(
  m: MetricDescriptor,
  dimensions: Record<string, string>,
  region: string,
  index: number,
): object {
  return {
    type: "metric",
    x: (index % 3) * 8,
    y: 6 + Math.floor(index / 3) * 6,
    width: 8,
    height: 6,
    properties: {
      title: m.title,
      region: m.region ?? region,
      view: "timeSeries",
      stacked: false,
      metrics: [
        [
          m.namespace,
          m.metricName,
          ...Object.entries(dimensions).flat(),
          { stat: m.stat, period: m.period ?? 60 },
        ],
      ],
    },
  };
}

/** The console URL of a dashboard. */
export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(name)}`;
}

/**
 * ALM-7: a CloudWatch dashboard built from the metric descriptors other components publish, with an
 * alarm-status widget on top. A separate component so the stack can add it once the fleet and database exist.
 */
export class AlarmDashboard extends pulumi.ComponentResource {
  readonly dashboardName: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, args: AlarmDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs("AlarmDashboard", schema, args);
    if (args.dashboardName === undefined && !DASHBOARD_NAME.test(name)) {
      rejectArg(
        "AlarmDashboard",
        "name",
        name,
        "allowed: 1-255 letters, digits, '-' or '_' (or give args.dashboardName)",
      );
    }
    super("cloudblocks:index:AlarmDashboard", name, {}, opts);

    const region = aws.getRegionOutput({}, { parent: this }).region;
    const resolvedDims = pulumi.output(
      args.metrics.map((m) => pulumi.output(m.dimensions as Record<string, pulumi.Input<string>>)),
    );
    const body = pulumi
      .all([region, resolvedDims, pulumi.output(args.alarmArns ?? [])])
      .apply(([r, dims, alarms]) => {
        if (alarms.length > 100) {
          throw new Error(
            `AlarmDashboard: args.alarmArns: got ${alarms.length} alarms; allowed: at most 100 alarms in one alarm widget`,
          );
        }
        // The alarm-status widget shows alarms of the dashboard's region; an alarm that lives elsewhere (the
        // us-east-1 SLA alarm) gets its own alarm graph read from its region, as CDK's AlarmWidget renders it: a
        // metric widget with `region` and `annotations.alarms` (CloudWatch dashboard body structure).
        const regionOf = (arn: string) => arn.split(":")[3] ?? r;
        const home = alarms.filter((arn) => regionOf(arn) === r);
        const elsewhere = alarms.filter((arn) => regionOf(arn) !== r);
        const below = 6 + Math.ceil(args.metrics.length / 3) * 6; // under the metric graphs
        return JSON.stringify({
          widgets: [
            // CloudWatch refuses an alarm widget without alarms.
            ...(home.length > 0
              ? [
                  {
                    type: "alarm",
                    x: 0,
                    y: 0,
                    width: 24,
                    height: 6,
                    properties: {
                      title: args.alarmWidgetTitle ?? "Alarm status",
                      alarms: home,
                      sortBy: "stateUpdatedTimestamp",
                    },
                  },
                ]
              : []),
            ...elsewhere.map((arn, i) => ({
              type: "metric",
              x: (i % 2) * 12,
              y: below + Math.floor(i / 2) * 6,
              width: 12,
              height: 6,
              properties: {
                title: `${arn.split(":alarm:")[1] ?? arn} (${regionOf(arn)})`,
                region: regionOf(arn),
                annotations: { alarms: [arn] },
                view: "timeSeries",
                stacked: false,
              },
            })),
            ...args.metrics.map((m, i) => metricWidget(m, dims[i] as Record<string, string>, r, i)),
          ],
        });
      });
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      { dashboardName: args.dashboardName ?? name, dashboardBody: body },
      { parent: this },
    );
    this.dashboardName = dashboard.dashboardName;
    this.dashboardUrl = pulumi.all([region, dashboard.dashboardName]).apply(([r, n]) => dashboardUrl(r, n));
    this.registerOutputs({ dashboardName: this.dashboardName, dashboardUrl: this.dashboardUrl });
  }
}
