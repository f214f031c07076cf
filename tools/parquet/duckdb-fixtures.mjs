// Writes the Parquet test fixtures of solver-api/src/test/resources/parquet/duckdb/ with DuckDB's
// own Parquet writer (an implementation independent of jmixed's), once, by hand; the tests only
// read the files. Run from the repository root:
//   npm install --prefix /tmp/duck @duckdb/node-api@1.5.6-r.1
//   NODE_PATH=/tmp/duck/node_modules node tools/parquet/duckdb-fixtures.mjs ../shared/data
import { createRequire } from 'node:module';
import { mkdirSync, rmSync } from 'node:fs';
const require = createRequire(process.env.NODE_PATH + '/');
const { DuckDBInstance } = require('@duckdb/node-api');

const data = process.argv[2];
const out = 'solver-api/src/test/resources/parquet/duckdb';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const run = (sql) => con.run(sql);

// sleepstudy as R has it: Subject a factor (a string), the others numbers; zstd, data pages v2
await run(`COPY (SELECT * FROM read_csv('${data}/sleepstudy.csv', types = {'Subject': 'VARCHAR'}))
  TO '${out}/sleepstudy.parquet' (FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION V2)`);
// Penicillin, gzip, v1 pages, row groups of 50 rows
await run(`COPY (SELECT * FROM read_csv('${data}/Penicillin.csv', types = {'plate': 'VARCHAR', 'sample': 'VARCHAR'}))
  TO '${out}/penicillin.parquet' (FORMAT parquet, COMPRESSION gzip, ROW_GROUP_SIZE 50)`);
// InstEval's first 5000 rows in a directory of part files (snappy), every column a factor but y
await run(`COPY (SELECT s, d, studage, lectage, service, dept, y::DOUBLE AS y
  FROM read_csv('${data}/InstEval.csv', all_varchar = true) LIMIT 5000)
  TO '${out}/insteval5k' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000, FILE_SIZE_BYTES 20000)`);
// every type jmixed reads, with nulls: row i holds values computed from i (see ParquetDuckDbFilesTest)
await run(`COPY (SELECT i::INTEGER AS id, i % 2 = 0 AS even, (DATE '2024-01-01' + i::INTEGER) AS day,
    TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i * 3600 + 0.5) AS ts,
    (i / 4)::DECIMAL(9, 2) AS dec9, (i / 8)::DECIMAL(30, 3) AS dec30,
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'g' || (i % 3) END AS grp,
    i::UTINYINT AS u8, (i * 1000000000000)::BIGINT AS big, (i / 2)::FLOAT AS f32,
    CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS half
  FROM range(40) t(i)) TO '${out}/types.parquet' (FORMAT parquet, COMPRESSION snappy)`);
console.log('wrote', out);
