/**
 * Sign-in with OpenID Connect (authorization code + PKCE, S256) through openid-client: NHS CIS2
 * in live mode, the simulated CIS2 (mocks/cis2) on the simulated Spine. The provider's metadata
 * is discovered on first use and kept; a failed discovery is tried again next time.
 */
import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Where the provider sends the browser back: {publicUrl}/api/auth/callback. */
  redirectUri: string;
  /** Where the browser lands after the provider's own sign-out, when it has one. */
  postLogoutRedirectUri: string;
}

export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;

  constructor(private readonly settings: OidcSettings) {}

  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
        // Plain http only for a simulated provider on this machine (live mode requires an https issuer).
        execute: this.settings.issuer.startsWith('http://') ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** Where to send the browser to sign in, and what to keep until it comes back. */
  async begin(): Promise<{ url: string; codeVerifier: string; state: string; nonce: string }> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, codeVerifier, state, nonce };
  }

  /** The provider's answer at the callback: the code exchanged (PKCE, state, nonce checked), the ID token's and userinfo's claims. */
  async complete(
    callbackUrl: URL,
    pending: { codeVerifier: string; state: string; nonce: string },
  ): Promise<{ claims: Record<string, unknown>; idToken?: string }> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    // CIS2 gives the RBAC claims at userinfo too: read both, userinfo winning.
    const userInfo =
      config.serverMetadata().userinfo_endpoint && tokens.access_token ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
    return { claims: { ...idClaims, ...userInfo }, idToken: tokens.id_token };
  }

  /** The provider's own sign-out page, when it offers RP-initiated logout; otherwise undefined. */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { ...(idToken ? { id_token_hint: idToken } : {}), post_logout_redirect_uri: this.settings.postLogoutRedirectUri })
      .href;
  }
}
