import { useState } from 'react';
import { useAppContext } from './context.js';

/**
 * The source string the engine's `open` reads for a database: the connection (postgres://…,
 * pgvector://…, pglite://<dir>) or a `.lance` path, with `#table=…&column=…&max-rows=…`.
 */
function dbSourceString(conn: string, table: string, column: string, limit: string): string {
  const q = new URLSearchParams();
  if (table.trim() !== '') q.set('table', table.trim());
  if (column.trim() !== '') q.set('column', column.trim());
  if (/^\d+$/.test(limit.trim()) && Number(limit) > 0) q.set('max-rows', limit.trim());
  const text = q.toString();
  return text ? `${conn.trim()}#${text}` : conn.trim();
}

/** "Database…": opens a pgvector table (PGlite or a server) or a LanceDB table as the data set. */
export function OpenFromDatabase() {
  const { session } = useAppContext();
  const [shown, setShown] = useState(false);
  const [conn, setConn] = useState('');
  const [table, setTable] = useState('');
  const [column, setColumn] = useState('');
  const [limit, setLimit] = useState('');
  return (
    <span className="open-db">
      <button
        type="button"
        data-testid="open-db-toggle"
        title="open the vectors of a pgvector table (PostgreSQL or a PGlite folder) or a LanceDB table, read-only"
        onClick={() => setShown(!shown)}
      >
        Database…
      </button>
      {shown && (
        <span className="open-db-form" data-testid="open-db-form">
          <input
            placeholder="postgres://user@host/db, pglite://<dir> or <dir>/<table>.lance"
            value={conn}
            data-testid="open-db-conn"
            onChange={(e) => setConn(e.target.value)}
          />
          <input
            placeholder="table"
            value={table}
            data-testid="open-db-table"
            onChange={(e) => setTable(e.target.value)}
          />
          <input
            placeholder="vector column"
            value={column}
            data-testid="open-db-column"
            onChange={(e) => setColumn(e.target.value)}
          />
          <input
            placeholder="max rows (a seeded sample)"
            value={limit}
            data-testid="open-db-limit"
            title="read at most this many rows; a larger table is sampled (seeded)"
            onChange={(e) => setLimit(e.target.value)}
          />
          <button
            type="button"
            data-testid="open-db-button"
            disabled={conn.trim() === ''}
            onClick={() => {
              void session.open(dbSourceString(conn, table, column, limit));
              setShown(false);
            }}
          >
            Open table
          </button>
        </span>
      )}
    </span>
  );
}
