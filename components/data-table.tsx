import type { ReactNode } from "react";

/**
 * Records in rows under named columns, scrolling sideways on a narrow screen. `selectable`
 * leaves the first column for each row's tick box; `columnClasses` style a column by its heading
 * (a table of fixed layout takes its columns' widths from there).
 */
export function DataTable({
  columns,
  columnClasses = [],
  className,
  selectable = false,
  children,
}: {
  columns: ReactNode[];
  columnClasses?: Array<string | undefined>;
  className?: string;
  selectable?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className={className ? `table ${className}` : "table"}>
        <thead>
          <tr>
            {selectable && <td />}
            {columns.map((column, index) => (
              <th key={index} scope="col" className={columnClasses[index]}>
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
