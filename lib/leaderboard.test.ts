import { describe, expect, it } from "vitest";
import { leaderboardCsv, rankLeaderboard, type LeaderboardRowInput } from "./leaderboard";

const row = (over: Partial<LeaderboardRowInput>): LeaderboardRowInput => ({
  scheduleId: "s", scheduleName: "plain", kind: "multiStep", source: "uploaded", engine: "torch", seeds: 3,
  meanFinal: 0.5, stdFinal: 0.01, meanBest: 0.6, meanEpochs: 30, meanEpochsToTarget: null, meanWallToTarget: null,
  reachedTarget: 0, hardware: "cpu", ...over,
});

describe("leaderboardCsv", () => {
  it("neutralises text cells a spreadsheet would run as formulas (OWASP CSV injection)", () => {
    const csv = leaderboardCsv(rankLeaderboard([
      row({ scheduleName: "=HYPERLINK(\"http://evil.example\",\"x\")", engine: "+cmd", hardware: "@SUM(A1)" }),
      row({ scheduleName: "-2+3", engine: "\tTAB", hardware: "\rCR" }),
    ]));
    const [, first, second] = csv.split("\n");
    expect(first.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",`)).toBe(true);
    expect(first.endsWith(",'+cmd,'@SUM(A1)")).toBe(true);
    expect(second.startsWith("'-2+3,")).toBe(true);
    expect(second.endsWith(",'\tTAB,\"'\rCR\"")).toBe(true);
  });

  it("keeps negative numbers as numbers and quotes separators", () => {
    const csv = leaderboardCsv(rankLeaderboard([row({ scheduleName: "a, \"b\"", meanFinal: -0.25, stdFinal: null, meanBest: -1e-7 })]));
    const cells = csv.split("\n")[1];
    expect(cells).toMatch(/^"a, ""b""",multiStep,uploaded,3,-0\.25,,,-1e-7,30,/);
  });
});
