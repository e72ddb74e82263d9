import type { Framework } from './framework';

/**
 * NestJS (https://docs.nestjs.com/controllers): routes are methods of `@Controller(path)` classes
 * decorated `@Get(path)`, `@Post()`, `@Put()`, `@Delete()`, `@Patch()`, `@Options()`,
 * `@Head()`, `@All()`. Guards (https://docs.nestjs.com/guards) run before a handler when
 * `@UseGuards(…)` decorates it or its controller, and for every route when bound globally by
 * `app.useGlobalGuards(…)` or a `{ provide: APP_GUARD, useClass }` provider; a global guard
 * skips the handlers a `@Public()` decorator marks with `SetMetadata(IS_PUBLIC_KEY, true)`
 * (https://docs.nestjs.com/security/authentication#enable-authentication-globally; the other
 * names are the common spellings of the same decorator). `ThrottlerGuard`
 * (https://docs.nestjs.com/security/rate-limiting) limits requests and authenticates nobody;
 * Swagger's `@ApiBearerAuth()` (https://docs.nestjs.com/openapi/security) only documents.
 * Passport's `AuthGuard('jwt')` (https://docs.nestjs.com/recipes/passport) is the guard a
 * suggestion adds when the configuration names none.
 */
export const nestjs: Framework = {
  name: 'NestJS',
  modules: [],
  verbs: [],
  // @Body(), @Query(), @Param() (https://docs.nestjs.com/controllers#request-payloads): the
  // whole DTO, or one field by name (`@Param('id')`).
  requestInput: { parameterDecorators: ['Body', 'Query', 'Param'] },
  decorators: {
    controllers: ['Controller'],
    routes: {
      Get: 'GET',
      Post: 'POST',
      Put: 'PUT',
      Patch: 'PATCH',
      Delete: 'DELETE',
      All: 'ALL',
      Options: 'OPTIONS',
      Head: 'HEAD',
    },
    guards: ['UseGuards'],
    notAuthenticating: /Throttl/i,
    documenting: ['Api'],
    publicMarkers: [
      'Public',
      'IsPublic',
      'AllowAnonymous',
      'Anonymous',
      'SkipAuth',
      'NoAuth',
      'PublicRoute',
    ],
    publicMetadata: { decorators: ['SetMetadata'], key: /public/i },
    globalGuards: {
      methods: ['useGlobalGuards'],
      providerTokens: ['APP_GUARD'],
      providerKeys: ['useClass', 'useExisting', 'useFactory'],
    },
    guardFix: {
      decorator: 'UseGuards',
      from: '@nestjs/common',
      defaultGuard: { expression: "AuthGuard('jwt')", name: 'AuthGuard', from: '@nestjs/passport' },
      guardName: /Guard$/,
    },
  },
};
