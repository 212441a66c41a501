// The HTTP front of the shop. Start-up code may block; request handlers must not.
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

// ✅ Start-up: reading the config once, before the server listens, is fine.
const config = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'config.json'), 'utf8')) as { port: number; root: string };

function readTemplate(name: string): string {
  return fs.readFileSync(path.join(config.root, 'templates', name), 'utf8');
}

const server = http.createServer((request, response) => {
  if (request.url === '/') {
    // ❌ Every request reads the page from disk synchronously: one slow disk stalls all clients.
    const page = fs.readFileSync(path.join(config.root, 'index.html'), 'utf8');
    response.end(page);
    return;
  }
  if (request.url === '/about') {
    // ❌ The same, hidden in a helper: readTemplate() → fs.readFileSync.
    response.end(readTemplate('about.html'));
    return;
  }
  // ✅ Non-blocking: other requests are served while the file is read.
  readFile(path.join(config.root, 'not-found.html'), 'utf8').then(
    (page) => response.writeHead(404).end(page),
    () => response.writeHead(500).end(),
  );
});

server.listen(config.port);
