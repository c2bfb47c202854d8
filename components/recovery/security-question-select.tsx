import { FieldErrors } from './field-errors';

/** The list of security questions, chosen at activation and when the person changes theirs. */
export function SecurityQuestionSelect({
  label,
  placeholder,
  questions,
  defaultValue,
  errors,
}: {
  label: string;
  placeholder: string;
  questions: Array<{ key: string; label: string }>;
  defaultValue: string;
  errors?: string[];
}) {
  return (
    <>
      <label htmlFor="question">{label}</label>
      <select
        id="question"
        name="question"
        required
        defaultValue={defaultValue}
        aria-invalid={errors ? true : undefined}
        aria-describedby="question-errors"
      >
        <option value="" disabled>
          {placeholder}
        </option>
        {questions.map((question) => (
          <option key={question.key} value={question.key}>
            {question.label}
          </option>
        ))}
      </select>
      <FieldErrors id="question-errors" errors={errors} />
    </>
  );
}
