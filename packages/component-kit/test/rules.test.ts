import { expect } from "chai";
import {
  availabilityZonesOf,
  isDomainName,
  isEc2InstanceType,
  isEmailAddress,
  isIanaTimeZone,
  scheduleExpressionProblem,
  unixCronProblem,
  unknownAvailabilityZone,
} from "../src";

describe("component-kit deploy-time rules", () => {
  it("knows the AZs of a region and refuses a letter it lacks", () => {
    expect(availabilityZonesOf("ap-northeast-2")).to.deep.equal([
      "ap-northeast-2a",
      "ap-northeast-2b",
      "ap-northeast-2c",
      "ap-northeast-2d",
    ]);
    expect(unknownAvailabilityZone("ap-northeast-2c")).to.equal(undefined);
    expect(unknownAvailabilityZone("ap-northeast-2e")).to.have.length(4);
    expect(unknownAvailabilityZone("ap-northeast-1b"), "not offered to current accounts").to.have.length(3);
    expect(unknownAvailabilityZone("sa-east-1x"), "a region the table does not know is not checked").to.equal(
      undefined,
    );
  });

  it("checks Unix cron fields and ranges (Auto Scaling recurrence)", () => {
    for (const ok of ["0 18 * * 1-5", "*/15 0-6 1,15 JAN-MAR SUN", "30 2 * * 7", "0 0 1 */2 *"])
      expect(unixCronProblem(ok), ok).to.equal(undefined);
    expect(unixCronProblem("60 * * * *")).to.equal('minute "60" (allowed 0-59)');
    expect(unixCronProblem("0 24 * * *")).to.equal('hour "24" (allowed 0-23)');
    expect(unixCronProblem("0 0 0 * *")).to.equal('day-of-month "0" (allowed 1-31)');
    expect(unixCronProblem("0 0 * 13 *")).to.equal('month "13" (allowed 1-12 or JAN-DEC)');
    expect(unixCronProblem("0 0 * * 8")).to.equal('day-of-week "8" (allowed 0-7 or SUN-SAT)');
    expect(unixCronProblem("0 5-2 * * *")).to.equal('hour "5-2" (allowed 0-23)');
    expect(unixCronProblem("0 0 * *")).to.equal(
      "5 fields (minute hour day-of-month month day-of-week), got 4",
    );
  });

  it("checks EventBridge schedule expressions field by field", () => {
    for (const ok of [
      "rate(1 hour)",
      "rate(5 minutes)",
      "cron(0 18 ? * MON-FRI *)",
      "cron(0/15 * * * ? 2026)",
      "cron(0 10 ? * 6L *)",
      "cron(0 8 L * ? *)",
      "cron(0 8 ? * 2#1 *)",
    ])
      expect(scheduleExpressionProblem(ok), ok).to.equal(undefined);
    expect(scheduleExpressionProblem("cron(0 18 * * MON-FRI *)")).to.equal(
      "'?' in exactly one of day-of-month and day-of-week",
    );
    expect(scheduleExpressionProblem("cron(61 * * * ? *)")).to.equal('minutes "61" (allowed 0-59)');
    expect(scheduleExpressionProblem("cron(0 0 ? * 0 *)")).to.equal(
      'day-of-week "0" (allowed 1-7 or SUN-SAT)',
    );
    expect(scheduleExpressionProblem("cron(0 0 * * ? 1969)")).to.equal('year "1969" (allowed 1970-2199)');
    expect(scheduleExpressionProblem("rate(1 hours)")).to.match(/^rate\(N unit\)/);
  });

  it("knows the EC2 instance types the provider lists, and nothing else", () => {
    for (const ok of ["t4g.nano", "t3.micro", "m7g.large", "r6g.xlarge", "m6g.large"])
      expect(isEc2InstanceType(ok), ok).to.equal(true);
    for (const bad of ["t4g.nanoo", "db.m6g.large", "m7g", "", "T3.MICRO", "t3.micro "])
      expect(isEc2InstanceType(bad), bad).to.equal(false);
  });

  it("knows IANA time zones (Node's ICU tz database), aliases included", () => {
    for (const ok of ["Asia/Seoul", "Etc/UTC", "UTC", "America/New_York"])
      expect(isIanaTimeZone(ok), ok).to.equal(true);
    for (const bad of ["Asia/Sdeoul", "KST+9", "", "Mars/Olympus"])
      expect(isIanaTimeZone(bad), bad).to.equal(false);
  });

  it("checks e-mail syntax and length (RFC 5321/5322) and DNS names (RFC 1035)", () => {
    expect(isEmailAddress("ops@buddyverse.link")).to.equal(true);
    expect(isEmailAddress("first.last+tag@mail.example.co.kr")).to.equal(true);
    expect(isEmailAddress(`${"a".repeat(65)}@example.com`), "local part over 64").to.equal(false);
    expect(
      isEmailAddress(`a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(63)}.com`),
      "over 254",
    ).to.equal(false);
    for (const bad of [
      "ops@example",
      "ops..x@example.com",
      ".ops@example.com",
      "ops@-example.com",
      "ops(at)example.com",
    ])
      expect(isEmailAddress(bad), bad).to.equal(false);
    expect(isDomainName("buddyverse.link")).to.equal(true);
    expect(isDomainName(`${"a".repeat(64)}.link`), "label over 63").to.equal(false);
    expect(isDomainName("bad-.link")).to.equal(false);
    expect(isDomainName("10.0.0.1"), "an IP address is not a name").to.equal(false);
    expect(isDomainName("*.buddyverse.link", { wildcard: true })).to.equal(true);
  });
});
