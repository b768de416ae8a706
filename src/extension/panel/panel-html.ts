// Wraps the webview engineer's pure buildWebviewHtml with this webview's URIs, CSP source and a fresh nonce.
import * as vscode from 'vscode';
import { buildWebviewHtml, makeNonce } from '../webview-html';

export function renderPanelHtml(extensionUri: vscode.Uri, webview: vscode.Webview): string {
  return buildWebviewHtml({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'panel.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    title: 'HerdScope audit',
  });
}
