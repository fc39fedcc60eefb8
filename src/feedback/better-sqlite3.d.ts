// better-sqlite3 ships no types and @types/better-sqlite3 is not a project dependency: the part this project uses.
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
    }
    interface Statement<Row = unknown> {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): Row | undefined;
      all(...params: unknown[]): Row[];
    }
    interface Transaction<Result> {
      (): Result;
      /** BEGIN IMMEDIATE: takes the write lock first, so two processes cannot both read the old state. */
      immediate(): Result;
    }
    interface Database {
      prepare<Row = unknown>(sql: string): Statement<Row>;
      exec(sql: string): Database;
      pragma(source: string): unknown;
      transaction<Result>(fn: () => Result): Transaction<Result>;
      close(): void;
      readonly open: boolean;
    }
  }
  const Database: new (filename: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => Database.Database;
  export = Database;
}
