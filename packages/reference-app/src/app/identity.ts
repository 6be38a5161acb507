/** Where this instance runs, from the instance metadata service (IMDSv2: a session token first). */
export interface Identity {
  readonly instanceId: string;
  readonly availabilityZone: string;
}

const TIMEOUT_MS = 2000;

export async function fetchIdentity(imdsUrl: string): Promise<Identity> {
  const tokenResponse = await fetch(`${imdsUrl}/latest/api/token`, {
    method: "PUT",
    headers: { "X-aws-ec2-metadata-token-ttl-seconds": "300" },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!tokenResponse.ok) throw new Error(`IMDS token: HTTP ${tokenResponse.status}`);
  const token = await tokenResponse.text();
  const get = async (path: string) => {
    const response = await fetch(`${imdsUrl}/latest/meta-data/${path}`, {
      headers: { "X-aws-ec2-metadata-token": token },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`IMDS ${path}: HTTP ${response.status}`);
    return (await response.text()).trim();
  };
  const [instanceId, availabilityZone] = await Promise.all([
    get("instance-id"),
    get("placement/availability-zone"),
  ]);
  if (!/^i-[0-9a-f]{8,17}$/.test(instanceId))
    throw new Error(`IMDS instance-id: unexpected ${JSON.stringify(instanceId)}`);
  return { instanceId, availabilityZone };
}
