import * as aws from "./aws";
import type * as pulumi from "@pulumi/pulumi";
import type { CostBudgetArgs } from "./args";

/**
 * ALM-9: a monthly cost budget that notifies the alarm topic on actual spend (at each threshold) and on the
 * forecast. The topic policy and key policy let budgets.amazonaws.com publish.
 */
export function createCostBudget(
  prefix: string,
  args: CostBudgetArgs,
  topicArn: pulumi.Input<string>,
  parent: pulumi.Resource,
  dependsOn: pulumi.Resource[],
): aws.budgets.Budget {
  const actual = args.actualThresholdsPercent ?? [80, 100];
  const notification = (threshold: number, notificationType: "ACTUAL" | "FORECASTED") => ({
    comparisonOperator: "GREATER_THAN",
    threshold,
    thresholdType: "PERCENTAGE",
    notificationType,
    subscriberSnsTopicArns: [topicArn],
  });
  return new aws.budgets.Budget(
    `${prefix}-budget`,
    {
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: args.monthlyLimitUsd.toFixed(2),
      limitUnit: "USD",
      notifications: [
        ...actual.map((t) => notification(t, "ACTUAL")),
        notification(args.forecastThresholdPercent ?? 100, "FORECASTED"),
      ],
    },
    { parent, dependsOn },
  );
}
