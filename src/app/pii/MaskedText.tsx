/**
 * Masked text as it was sent, with its placeholders (`<PERSON_1>`) and redaction markers
 * (`[REDACTED EMAIL]`) shown as tokens. Built from React text nodes only, never HTML: the text may
 * be a model's output, which is untrusted. Each token says what it stands for to screen readers
 * (text that is not copied with the prompt) and on hover; it never holds the value.
 */
import { maskedPieces } from './piiText';
import './pii.css';

export function MaskedText({ text }: { text: string }) {
  return (
    <>
      {maskedPieces(text).map((piece, i) =>
        piece.kind === 'text' ? (
          piece.text
        ) : (
          <span key={i} className={`pii-token pii-token-${piece.kind}`} title={piece.description}>
            {piece.text}
            <span className="sr-only pii-token-description"> ({piece.description})</span>
          </span>
        ),
      )}
    </>
  );
}
