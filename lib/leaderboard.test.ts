import { describe, expect, it } from "vitest";
import { leaderboardCsv, rankGroups, rankLeaderboard, type LeaderboardRowInput } from "./leaderboard";

const row = (over: Partial<LeaderboardRowInput>): LeaderboardRowInput => ({
  scheduleId: "s", scheduleName: "plain", kind: "multiStep", source: "uploaded", precision: null, engine: "torch", seeds: 3,
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
    expect(cells).toMatch(/^"a, ""b""",multiStep,uploaded,no,,,,no 95% interval: the spread of its seeds is unknown,3,-0\.25,,,-1e-7,30,/);
  });
});

describe("rankGroups", () => {
  it("ranks a row 1 + the number of rows whose interval lies wholly above its own", () => {
    // A [0.90, 0.95] B [0.88, 0.92] C [0.85, 0.89] D [0.50, 0.60]
    expect(rankGroups([[0.9, 0.95], [0.88, 0.92], [0.85, 0.89], [0.5, 0.6]])).toEqual([1, 1, 2, 4]);
  });

  it("does not chain overlaps: C overlaps B, B overlaps A, yet C is measurably below A", () => {
    expect(rankGroups([[0.9, 0.95], [0.85, 0.91], [0.8, 0.86]])).toEqual([1, 1, 2]);
  });

  it("separates rows whose intervals do not overlap, and treats touching bounds as overlapping", () => {
    expect(rankGroups([[0.9, 0.95], [0.8, 0.85], [0.7, 0.8]])).toEqual([1, 2, 2]);
    expect(rankGroups([[0.3, 0.4], [0.5, 0.6]])).toEqual([2, 1]);
  });
});

describe("rankLeaderboard", () => {
  const replay = (name: string, meanFinal: number, stdFinal: number, seeds = 3) =>
    row({ scheduleId: name, scheduleName: name, source: "replayed", meanFinal, stdFinal, seeds });

  it("ranks only rows with at least 3 seeds, lists the others after them with the reason", () => {
    const rows = rankLeaderboard([replay("two", 0.99, 0.001, 2), replay("a", 0.8, 0.001), replay("b", 0.7, 0.001)]);
    expect(rows.map((r) => [r.scheduleName, r.rankLabel, r.unrankedReason])).toEqual([
      ["a", "1", null],
      ["b", "2", null],
      ["two", null, "2 seeds: ranking needs at least 3"],
    ]);
  });

  it("shows a shared rank as =k and orders by rank", () => {
    // t(0.975, 2) x sd / sqrt(3) = 2.484 x sd: a 0.80 +- 0.025, b 0.79 +- 0.025 overlap; c 0.60 is below both.
    const rows = rankLeaderboard([replay("c", 0.6, 0.01), replay("b", 0.79, 0.01), replay("a", 0.8, 0.01)]);
    expect(rows.map((r) => `${r.scheduleName}:${r.rankLabel}`)).toEqual(["a:=1", "b:=1", "c:3"]);
  });

  it("ranks self-reported rows apart, after every verified row, so an upload never outranks a replay", () => {
    const rows = rankLeaderboard([
      row({ scheduleName: "upload", source: "uploaded", meanFinal: 0.99, stdFinal: 0.001, seeds: 3 }),
      replay("replay", 0.5, 0.01),
    ]);
    expect(rows.map((r) => `${r.scheduleName}:${r.rankLabel}:${r.verified}`)).toEqual(["replay:1:true", "upload:1:false"]);
  });

  it("sorts both ways, keeping unranked rows and missing values last", () => {
    const rows = [replay("a", 0.8, 0.001), replay("b", 0.7, 0.001), replay("c", 0.6, 0.001), replay("few", 0.9, 0.001, 2)];
    const names = (sort: Parameters<typeof rankLeaderboard>[1], dir?: "asc" | "desc") => rankLeaderboard(rows, sort, dir).map((r) => r.scheduleName);
    expect(names("final")).toEqual(["a", "b", "c", "few"]);
    expect(names("final", "asc")).toEqual(["c", "b", "a", "few"]);
    const epochs = [row({ scheduleName: "short", meanEpochs: 10 }), row({ scheduleName: "none", meanEpochs: null }), row({ scheduleName: "long", meanEpochs: 30 })];
    expect(rankLeaderboard(epochs, "epochs").map((r) => r.scheduleName)).toEqual(["short", "long", "none"]);
    expect(rankLeaderboard(epochs, "epochs", "desc").map((r) => r.scheduleName)).toEqual(["long", "short", "none"]);
  });
});
