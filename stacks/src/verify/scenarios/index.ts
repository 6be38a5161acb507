import type { Scenario } from "../types";
import { alarmsScenario } from "./alarms";
import { appStatusScenario } from "./app-status";
import { cpuScaleScenario } from "./cpu-scale";
import { efsSharedScenario } from "./efs-shared";
import { errorAlarmScenario } from "./error-alarm";
import { instanceStopScenario } from "./instance-stop";
import { natEgressScenario } from "./nat-egress";
import { noSshScenario } from "./no-ssh";
import { redirectsScenario } from "./redirects";
import { slaScenario } from "./sla";
import { spreadScenario } from "./spread";
import { targetHealthScenario } from "./target-health";
import { tlsScenario } from "./tls";
import { webServerStopScenario } from "./web-server-stop";

/** In run order: read-only checks first, then the destructive tests (least disruptive first). */
export const SCENARIOS: readonly Scenario[] = [
  tlsScenario,
  redirectsScenario,
  targetHealthScenario,
  spreadScenario,
  appStatusScenario,
  efsSharedScenario,
  natEgressScenario,
  alarmsScenario,
  slaScenario,
  noSshScenario,
  errorAlarmScenario,
  webServerStopScenario,
  instanceStopScenario,
  cpuScaleScenario,
];
