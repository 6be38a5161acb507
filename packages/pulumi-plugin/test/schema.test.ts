import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { argsCoverageProblems, componentsOf, type PackageSchema } from "./args-coverage";
import { pluginComponents, SCHEMA_FILE, SHARED_SRC_DIR } from "./plugin";

// The committed schema is what Pulumi's analyzer infers when the plugin starts (CI's `plugin-schema` step
// starts it and compares); these tests read it against the TypeScript sources, in well under a second.
const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as PackageSchema;
const components = pluginComponents();

describe("the cloudblocks Pulumi package (other languages)", () => {
  it("serves HaVpc, WebFleet, MonitoredDatabase and AlarmingPipeline under the tokens they register", () => {
    expect(components.map((c) => c.className)).to.deep.equal([
      "HaVpc",
      "WebFleet",
      "MonitoredDatabase",
      "AlarmingPipeline",
    ]);
    expect(Object.keys(schema.resources).sort()).to.deep.equal(
      components.map((c) => `cloudblocks:index:${c.className}`).sort(),
    );
    for (const { className, srcDir } of components) {
      const sources = readSources(srcDir);
      // A Python program asks for cloudblocks:index:HaVpc; the class must register that very type.
      expect(sources, className).to.contain(`"cloudblocks:index:${className}"`);
    }
  });

  it("has every argument of every component, with its type, optionality and JSDoc description", () => {
    expect(argsCoverageProblems(schema, components, SHARED_SRC_DIR)).to.deep.equal([]);
  });

  describe("the check itself", () => {
    it("reports an argument whose description is lost, or whose type changed, or that is missing", () => {
      const broken = structuredClone(schema) as unknown as {
        resources: Record<string, { inputProperties: Record<string, Record<string, unknown>> }>;
        types: Record<string, { properties: Record<string, Record<string, unknown>> }>;
      };
      delete broken.resources["cloudblocks:index:HaVpc"]!.inputProperties["cidrBlock"]!["description"];
      broken.resources["cloudblocks:index:WebFleet"]!.inputProperties["minSize"]!["type"] = "string";
      delete broken.types["cloudblocks:index:BastionArgs"]!.properties["allowedCidrs"];
      expect(
        argsCoverageProblems(broken as unknown as PackageSchema, components, SHARED_SRC_DIR),
      ).to.deep.equal([
        'HaVpc.args.cidrBlock: description undefined; the source says "The VPC\'s IPv4 block, /16 to /28."',
        "BastionArgs.allowedCidrs: missing from the schema",
        'WebFleet.args.minSize: schema type {"type":"string"}; the source maps to {"type":"number"}',
      ]);
    });

    it("reports an argument without JSDoc, or with a type the schema cannot carry, in the source", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "plugin-args-"));
      try {
        const src = path.join(dir, "widget", "src");
        writeFileSync(
          path.join(dir, "components.ts"),
          'import { Widget } from "@cloudblocks/widget";\nexport const COMPONENTS = [Widget];\n',
        );
        mkdirSync(src, { recursive: true });
        writeFileSync(
          path.join(src, "widget.ts"),
          [
            "export interface WidgetArgs {",
            "  /** Documented. */ readonly size: number;",
            "  readonly colour?: string;",
            '  /** A union. */ readonly mode?: "a" | "b";',
            "}",
            "export class Widget extends pulumi.ComponentResource {",
            "  constructor(name: string, args: WidgetArgs) { super('cloudblocks:index:Widget', name, {}); }",
            "}",
          ].join("\n"),
        );
        const widget = componentsOf(path.join(dir, "components.ts"), dir);
        const widgetSchema: PackageSchema = {
          name: "cloudblocks",
          resources: {
            "cloudblocks:index:Widget": {
              inputProperties: {
                size: { type: "number", plain: true, description: "Documented." },
                colour: { type: "string", plain: true },
                mode: { type: "string", plain: true, description: "A union." },
              },
              requiredInputs: ["size"],
            },
          },
          types: {},
        };
        expect(argsCoverageProblems(widgetSchema, widget, src)).to.deep.equal([
          "Widget.args.colour: no JSDoc text (the schema's description comes from it)",
          'Widget.args.mode: type `"a" | "b"` has no Pulumi schema form (a union, literal, readonly array, function or unknown name)',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

function readSources(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}
