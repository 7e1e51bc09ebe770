/**
 * The cycle-packing model handed to HiGHS as sparse arrays: one row per listing (in at most one
 * chosen cycle), one column per cycle, maximise Σ weight·x. The solver instance is passed in (its
 * WebAssembly is loaded once by the caller), so this module stays pure.
 */
import type { Highs } from 'highs';

export interface PackingColumn {
  weight: number;
  rows: readonly number[];
}

export interface LpAnswer {
  objective: number;
  values: Float64Array;
  /** Price of each listing's row, ≥ 0. */
  duals: Float64Array;
  optimal: boolean;
}

export interface MipAnswer {
  values: Float64Array;
  objective: number;
  status: string;
}

export interface PackingSolver {
  solveLp(rows: number, columns: readonly PackingColumn[]): LpAnswer;
  solveMip(
    rows: number,
    columns: readonly PackingColumn[],
    start: Float64Array,
    timeLimitSeconds: number,
  ): MipAnswer;
}

function modelData(
  highs: Highs,
  rows: number,
  columns: readonly PackingColumn[],
  integer: boolean,
) {
  const starts = new Int32Array(columns.length + 1);
  let nonZeros = 0;
  columns.forEach((c, j) => {
    nonZeros += c.rows.length;
    starts[j + 1] = nonZeros;
  });
  const indices = new Int32Array(nonZeros);
  columns.forEach((c, j) =>
    indices.set(
      [...c.rows].sort((x, y) => x - y),
      starts[j] as number,
    ),
  );
  return {
    numCols: columns.length,
    numRows: rows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: Float64Array.from(columns, (c) => c.weight),
    colLower: new Float64Array(columns.length),
    // x ≤ 1 follows from the rows; an explicit bound would take part of the prices off the rows.
    colUpper: new Float64Array(columns.length).fill(integer ? 1 : highs.infinity),
    rowLower: new Float64Array(rows).fill(-highs.infinity),
    rowUpper: new Float64Array(rows).fill(1),
    matrix: {
      format: 'csc' as const,
      numRows: rows,
      numCols: columns.length,
      starts,
      indices,
      values: new Float64Array(nonZeros).fill(1),
    },
    ...(integer
      ? { integrality: new Int32Array(columns.length).fill(highs.constants.variableType.integer) }
      : {}),
  };
}

function lpOnce(
  highs: Highs,
  rows: number,
  columns: readonly PackingColumn[],
  presolve: 'on' | 'off',
): LpAnswer {
  const model = highs.createModel(modelData(highs, rows, columns, false));
  try {
    model.options.set({ output_flag: false, presolve });
    model.run();
    const solution = model.getSolution();
    // For a maximisation HiGHS reports the prices of ≤ rows with a negative sign.
    const duals = Float64Array.from(solution.rowDual, (d) => Math.abs(d));
    return {
      objective: model.getObjectiveValue(),
      values: solution.colValue,
      duals,
      optimal: model.getModelStatus() === highs.constants.modelStatus.optimal,
    };
  } finally {
    model.dispose();
  }
}

const STATUS_NAMES: Record<number, string> = {
  7: 'Optimal',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
};

export function highsPackingSolver(highs: Highs): PackingSolver {
  return {
    solveLp(rows, columns) {
      // HiGHS leaves an empty model unsolved: nothing to choose, every price is zero.
      if (columns.length === 0)
        return {
          objective: 0,
          values: new Float64Array(0),
          duals: new Float64Array(rows),
          optimal: true,
        };
      const answer = lpOnce(highs, rows, columns, 'on');
      // Presolve may drop a component whole (an isolated pair) and give its rows no price; the
      // prices must add up to the LP value for pricing and the bound: solve again without it.
      const total = answer.duals.reduce((sum, d) => sum + d, 0);
      return Math.abs(total - answer.objective) > 1e-7 * Math.max(1, answer.objective)
        ? lpOnce(highs, rows, columns, 'off')
        : answer;
    },
    solveMip(rows, columns, start, timeLimitSeconds) {
      if (columns.length === 0)
        return { values: new Float64Array(0), objective: 0, status: 'Optimal' };
      const model = highs.createModel(modelData(highs, rows, columns, true));
      try {
        model.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 0 });
        model.setSolution({ colValue: start });
        model.run();
        const status = model.getModelStatus() as number;
        return {
          values: model.getSolution().colValue,
          objective: model.getObjectiveValue(),
          status: STATUS_NAMES[status] ?? `status ${status}`,
        };
      } finally {
        model.dispose();
      }
    },
  };
}
