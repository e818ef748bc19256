import { perContainer } from './ecs-containers';
import { defineRule } from '../../template/fortress-rule';

/**
 * Linux capabilities that hand a container its host: `ALL`, and those Docker leaves out of its default set because each
 * one alone breaks isolation (mounts and namespaces, kernel modules, other processes' memory, any file's contents, the
 * host network stack, raw devices). https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
 */
const HOST_CAPABILITIES = ['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN', 'SYS_BOOT', 'MKNOD'];
/** Host paths whose bind mount is the host: its root, the Docker socket, kernel and device interfaces, configuration. */
const HOST_PATHS = ['/', '/var/run/docker.sock', '/run/docker.sock', '/var/run', '/run', '/proc', '/sys', '/dev', '/etc', '/root', '/var/lib/docker', '/boot'];
/** Docker security options that switch a confinement off. */
const UNCONFINED = /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$|^no-new-privileges[:=]false$/i;

const normalizedPath = (p: unknown) => (typeof p === 'string' ? (p.replace(/\/+$/, '') || '/') : undefined);

/**
 * No container of a task definition gets its host by another route than privileged mode: dangerous added capabilities,
 * a bind mount of the host's root, Docker socket or kernel interfaces, or confinement switched off.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: 'A container of the ECS task definition can reach its host: a dangerous Linux capability, a host bind mount, or confinement off.',
  explanation: 'CAP_SYS_ADMIN, CAP_SYS_MODULE, CAP_SYS_PTRACE (and ALL), a bind mount of / or the Docker socket, and seccomp or AppArmor '
    + 'unconfined each let a compromised container take over the instance and every task on it, as privileged mode does.',
  fix: 'Drop the capability, mount a named volume or EFS instead of a host path, keep the default seccomp and AppArmor profiles. '
    + 'Fargate allows none of these but SYS_PTRACE; SecureFargateTaskDefinition refuses them.',
  evaluate: (taskDefinition) => {
    const volumes = Array.isArray(taskDefinition.properties.Volumes) ? taskDefinition.properties.Volumes : [];
    const hostPathOf = new Map<string, string>();
    for (const volume of volumes as any[]) {
      const sourcePath = normalizedPath(volume?.Host?.SourcePath);
      if (typeof volume?.Name === 'string' && sourcePath !== undefined) hostPathOf.set(volume.Name, sourcePath);
    }
    return perContainer(taskDefinition, (container) => {
      const problems: string[] = [];
      const added: unknown[] = container?.LinuxParameters?.Capabilities?.Add ?? [];
      const dangerous = (Array.isArray(added) ? added : [added]).map((c) => String(c).toUpperCase().replace(/^CAP_/, ''))
        .filter((c) => HOST_CAPABILITIES.includes(c));
      if (dangerous.length > 0) problems.push(`adds the capabilities ${dangerous.join(', ')}`);
      for (const mount of (Array.isArray(container?.MountPoints) ? container.MountPoints : []) as any[]) {
        const hostPath = hostPathOf.get(mount?.SourceVolume);
        if (hostPath !== undefined && HOST_PATHS.includes(hostPath)) problems.push(`mounts the host path ${hostPath} (volume ${mount.SourceVolume})`);
      }
      const options: unknown[] = Array.isArray(container?.DockerSecurityOptions) ? container.DockerSecurityOptions : [];
      const unconfined = options.filter((o) => typeof o === 'string' && UNCONFINED.test(o.trim()));
      if (unconfined.length > 0) problems.push(`sets ${unconfined.join(', ')}`);
      return problems.length > 0 ? `${problems.join('; ')}.` : undefined;
    });
  },
});
