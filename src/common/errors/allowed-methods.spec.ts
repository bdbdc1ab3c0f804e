import express from 'express';
import { allowedMethods } from './allowed-methods';

describe('allowedMethods', () => {
  const app = express();
  app.all('/{*path}', (_req, _res, next) => next());
  app.get('/groups/:slug', (_req, res) => res.end());
  app.patch('/groups/:slug', (_req, res) => res.end());
  app.post('/auth/login', (_req, res) => res.end());

  it('lists the methods of every route matching the path, HEAD with GET', () => {
    expect(allowedMethods(app, '/groups/core')).toEqual(['GET', 'HEAD', 'PATCH']);
    expect(allowedMethods(app, '/auth/login')).toEqual(['POST']);
  });

  it('ignores middleware mounted for every method, so an unknown path has none', () => {
    expect(allowedMethods(app, '/nowhere')).toEqual([]);
    expect(allowedMethods(undefined, '/auth/login')).toEqual([]);
  });
});
