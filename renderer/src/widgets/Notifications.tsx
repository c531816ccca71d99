import { useNotifications } from '../state/notifications';
import { Icon } from '../workbench/icons';

export function Notifications() {
  const { items, dismiss } = useNotifications();
  if (items.length === 0) return null;
  return (
    <div className="notifications" role="status">
      {items.map((n) => (
        <div key={n.id} className={`notification ${n.kind}`} data-testid="notification">
          <Icon name={n.kind === 'error' ? 'error' : 'info'} className="notification-icon" />
          <span className="notification-message">{n.message}</span>
          <button className="icon-button" title="Clear Notification" onClick={() => dismiss(n.id)}>
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
