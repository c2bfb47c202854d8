import type { ReactNode } from "react";

/**
 * Records in rows under named columns, scrolling sideways on a narrow screen. `selectable`
 * leaves the first column for each row's tick box.
 */
export function DataTable({
  columns,
  selectable = false,
  children,
}: {
  columns: ReactNode[];
  selectable?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            {selectable && <td />}
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
