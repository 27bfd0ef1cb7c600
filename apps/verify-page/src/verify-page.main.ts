import { ChainUnreachableError } from './chain-reader';
import { el } from './dom';
import { readEvidence, type Evidence } from './evidence-file';
import { verifyInBrowser, WrongChainError } from './page-verdict';
import { askSignet, signetRpcUrl } from './signet-api';
import { renderProblem, renderRemoteVerdict, renderVerdict } from './verdict-view';

/** The page's wiring: the form in, one result section out. */

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const form = byId<HTMLFormElement>('verify-form');
const receiptInput = byId<HTMLInputElement>('receipt-file');
const textFileInput = byId<HTMLInputElement>('text-file');
const textInput = byId<HTMLTextAreaElement>('text');
const saltInput = byId<HTMLInputElement>('salt');
const rpcInput = byId<HTMLInputElement>('rpc-url');
const button = byId<HTMLButtonElement>('verify-button');
const dropZone = byId<HTMLLabelElement>('drop-zone');
const receiptName = byId<HTMLSpanElement>('receipt-name');
const result = byId<HTMLElement>('result');

function show(nodes: HTMLElement[]): void {
  result.replaceChildren(...nodes);
  result.focus();
}

function fileChosen(): void {
  const file = receiptInput.files?.[0];
  receiptName.textContent = file
    ? `Chosen: ${file.name}`
    : 'Drop the file here, or press Enter to choose it.';
}

async function opening(): Promise<{ text?: string; salt?: string }> {
  const textFile = textFileInput.files?.[0];
  const text = textFile ? await textFile.text() : textInput.value === '' ? undefined : textInput.value;
  const salt = saltInput.value.trim() === '' ? undefined : saltInput.value.trim();
  return { text, salt };
}

function fallbackButton(evidence: Evidence, open: { text?: string; salt?: string }): HTMLElement {
  const hasText = open.text !== undefined || open.salt !== undefined;
  const ask = el(
    'button',
    { type: 'button', class: 'secondary', id: 'ask-signet' },
    hasText
      ? "Ask Signet's public verify instead (sends the text and salt to Signet)"
      : "Ask Signet's public verify instead",
  );
  ask.addEventListener('click', () => {
    void (async () => {
      try {
        show(renderRemoteVerdict(await askSignet(evidence.receipt.blockchainId, open), location.origin));
      } catch (error) {
        show(renderProblem('Signet could not be asked either.', (error as Error).message));
      }
    })();
  });
  return el('div', {}, el('p', {}, 'Try another endpoint of the same chain above, or:'), ask);
}

async function verify(): Promise<void> {
  const file = receiptInput.files?.[0];
  if (!file) {
    show(renderProblem('No receipt chosen.', 'Choose or drop the receipt (or evidence bundle) first.'));
    receiptInput.focus();
    return;
  }
  let evidence: Evidence;
  try {
    evidence = readEvidence(await file.text());
  } catch (error) {
    show(renderProblem('This file is not a Signet receipt.', (error as Error).message));
    return;
  }
  const rpcUrl = rpcInput.value.trim();
  if (rpcUrl === '') {
    show(renderProblem('No chain endpoint.', 'Enter the RPC endpoint of the chain the receipt names.'));
    rpcInput.focus();
    return;
  }
  const open = await opening();
  show([el('p', { class: 'banner notice', role: 'status' }, `Reading the chain at ${rpcUrl}…`)]);
  try {
    show(renderVerdict(await verifyInBrowser(evidence, rpcUrl, open)));
  } catch (error) {
    if (error instanceof WrongChainError) {
      show(renderProblem('This receipt is for another chain.', error.message));
    } else if (error instanceof ChainUnreachableError) {
      show(
        renderProblem(
          'Could not reach the chain: nothing was verified.',
          `${rpcUrl}: ${error.message}.`,
          fallbackButton(evidence, open),
        ),
      );
    } else {
      show(renderProblem('Verification could not run.', (error as Error).message));
    }
  }
}

receiptInput.addEventListener('change', fileChosen);
for (const name of ['dragenter', 'dragover']) {
  dropZone.addEventListener(name, (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
}
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('dragging');
  if (event.dataTransfer?.files.length) {
    receiptInput.files = event.dataTransfer.files;
    fileChosen();
  }
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  button.disabled = true;
  void verify().finally(() => (button.disabled = false));
});
void signetRpcUrl().then((url) => {
  if (url && rpcInput.value === '') rpcInput.value = url;
});
